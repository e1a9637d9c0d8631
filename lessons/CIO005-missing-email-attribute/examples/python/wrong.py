import os

from customerio import CustomerIO, Regions

from app.users import mark_undeliverable

cio = CustomerIO(
    os.environ["CUSTOMERIO_SITE_ID"],
    os.environ["CUSTOMERIO_TRACK_API_KEY"],
    region=Regions.US,
)


def sync_profile(user):
    """Runs whenever a user saves their account settings."""
    cio.identify(
        id=user.id,
        first_name=user.first_name,
        plan=user.plan,
    )


def on_reporting_webhook(event):
    """Bounce handling, the subject of lesson CIO008 (not of this one)."""
    if event["metric"] == "bounced":
        mark_undeliverable(event["data"]["customer_id"])
