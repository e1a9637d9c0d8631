import os

from customerio import CustomerIO, Regions

cio = CustomerIO(os.environ["CUSTOMERIO_SITE_ID"], os.environ["CUSTOMERIO_TRACK_API_KEY"], region=Regions.US)


def record_add_to_cart(user, product):
    """Records a product added to the cart, for signed-in shoppers and guests alike."""
    if user is None:
        cio.track(customer_id="guest", name="added_to_cart", data={"sku": product.sku})
        return
    cio.track(customer_id=user.id, name="added_to_cart", data={"sku": product.sku})
