import os

from customerio import CustomerIO, Regions

cio = CustomerIO(
    os.environ["CUSTOMERIO_SITE_ID"],
    os.environ["CUSTOMERIO_TRACK_API_KEY"],
    region=Regions.US,
)


def complete_signup(user):
    """Runs after the new account is saved."""
    cio.identify(id=user.id, email=user.email, plan=user.plan)
    cio.track(customer_id=user.id, name="signed_up", data={"plan": user.plan})


def stop_emailing(user_id):
    """Called when Customer.io reports a hard bounce for this person."""
    cio.suppress(user_id)
