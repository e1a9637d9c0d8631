import os

from customerio import CustomerIO, Regions

cio = CustomerIO(
    os.environ["CUSTOMERIO_SITE_ID"],
    os.environ["CUSTOMERIO_TRACK_API_KEY"],
    region=Regions.US,
)


def record_cancellation(subscription):
    """Runs when billing confirms a cancellation; a win-back campaign listens for it."""
    cio.track(
        customer_id=subscription.user_id,
        name="Subscription Cancelled",
        data={"plan": subscription.plan, "reason": subscription.reason},
    )
