import os

from customerio import CustomerIO, Regions


def record_login(user, method):
    """Runs after every successful login."""
    cio = CustomerIO(
        os.environ["CUSTOMERIO_SITE_ID"],
        os.environ["CUSTOMERIO_TRACK_API_KEY"],
        region=Regions.US,
    )
    cio.track(customer_id=user.id, name="logged_in", data={"method": method})
