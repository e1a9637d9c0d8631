import os

from customerio import CustomerIO, Regions

cio = CustomerIO(
    os.environ["CUSTOMERIO_SITE_ID"],
    os.environ["CUSTOMERIO_APP_API_KEY"],
    region=Regions.US,
)


def record_payment(order):
    """Called once the payment provider confirms the charge."""
    cio.track(
        customer_id=order.customer_id,
        name="order_paid",
        data={"order_id": order.id, "total": order.total},
    )
