import os

from customerio import CustomerIO, Regions

cio = CustomerIO(
    os.environ["CUSTOMERIO_SITE_ID"],
    os.environ["CUSTOMERIO_TRACK_API_KEY"],
    region=Regions.US,
)


def record_renewal(subscription):
    """Called when a subscription renews."""
    cio.track(
        customer_id=subscription.customer_id,
        name="subscription_renewed",
        data={"plan": subscription.plan, "renews_at": int(subscription.next_renewal.timestamp())},
    )
