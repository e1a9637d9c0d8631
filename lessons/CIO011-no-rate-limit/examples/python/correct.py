import os

from customerio import CustomerIO, Regions

cio = CustomerIO(
    os.environ["CUSTOMERIO_SITE_ID"],
    os.environ["CUSTOMERIO_TRACK_API_KEY"],
    region=Regions.US,
)


def report_shipments(orders):
    """Nightly job: tells Customer.io about every order shipped today."""
    operations = [
        {
            "type": "person",
            "identifiers": {"id": order.customer_id},
            "action": "event",
            "name": "order_shipped",
            "attributes": {"order_id": order.id, "carrier": order.carrier},
        }
        for order in orders
    ]
    for start in range(0, len(operations), 100):
        cio.batch(operations[start:start + 100])
