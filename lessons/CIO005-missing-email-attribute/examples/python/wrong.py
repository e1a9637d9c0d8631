import os

from customerio import CustomerIO, Regions

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


def stop_emailing(user_id):
    """Called when Customer.io reports a hard bounce for this person."""
    cio.suppress(user_id)
