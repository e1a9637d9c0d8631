import os

from customerio import CustomerIO, Regions

from app.users import mark_undeliverable

cio = CustomerIO(os.environ["CUSTOMERIO_SITE_ID"], os.environ["CUSTOMERIO_TRACK_API_KEY"], region=Regions.US)


def pricing_viewed(visitor_id, plan):
    """Visitors are tracked by their cookie id before they sign up."""
    cio.track_anonymous(visitor_id, "pricing_viewed", data={"plan": plan})


def signed_up(user, visitor_id):
    cio.identify(id=user.id, email=user.email, plan=user.plan, anonymous_id=visitor_id)


def on_reporting_webhook(event):
    """Bounce handling, the subject of lesson CIO008 (not of this one)."""
    if event["metric"] == "bounced":
        mark_undeliverable(event["data"]["customer_id"])
