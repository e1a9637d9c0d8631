import os

from customerio import CustomerIO, Regions

cio = CustomerIO(os.environ["CUSTOMERIO_SITE_ID"], os.environ["CUSTOMERIO_TRACK_API_KEY"], region=Regions.US)


def record_add_to_cart(user, product):
    """Records a product added to the cart. Guests have no profile yet: nothing is sent for them."""
    if user is None:
        return
    cio.track(customer_id=user.id, name="added_to_cart", data={"sku": product.sku})
