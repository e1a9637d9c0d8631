import os

from customerio import CustomerIO, Regions

cio = CustomerIO(
    os.environ["CUSTOMERIO_SITE_ID"],
    os.environ["CUSTOMERIO_TRACK_API_KEY"],
    region=Regions.US,
)


def record_password_change(user):
    """Runs after the new password is saved; a campaign sends the security notice."""
    cio.track(
        customer_id=user.email,
        name="password_changed",
        data={"ip_country": user.last_login_country},
    )
