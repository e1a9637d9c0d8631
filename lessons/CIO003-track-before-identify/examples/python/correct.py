import os

from customerio import CustomerIO, Regions

from app.users import mark_undeliverable

cio = CustomerIO(
    os.environ["CUSTOMERIO_SITE_ID"],
    os.environ["CUSTOMERIO_TRACK_API_KEY"],
    region=Regions.US,
)


def complete_signup(user):
    """Runs after the new account is saved."""
    cio.identify(id=user.id, email=user.email, plan=user.plan)
    cio.track(customer_id=user.id, name="signed_up", data={"plan": user.plan})


def on_reporting_webhook(event):
    """Bounce handling, the subject of lesson CIO008 (not of this one)."""
    if event["metric"] == "bounced":
        mark_undeliverable(event["data"]["customer_id"])
