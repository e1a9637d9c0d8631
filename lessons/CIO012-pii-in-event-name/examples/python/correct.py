import os

from customerio import CustomerIO, Regions

cio = CustomerIO(
    os.environ["CUSTOMERIO_SITE_ID"],
    os.environ["CUSTOMERIO_TRACK_API_KEY"],
    region=Regions.US,
)


def record_newsletter_signup(user, source):
    """Runs when someone ticks the newsletter box on their account page."""
    cio.track(
        customer_id=user.id,
        name="newsletter_subscribed",
        data={"source": source},
    )
