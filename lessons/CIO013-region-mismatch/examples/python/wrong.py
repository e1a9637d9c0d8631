import os

from customerio import APIClient, CustomerIO, Regions

# The account is in the EU region; the App API client sends receipts elsewhere.
cio = CustomerIO(os.environ["CUSTOMERIO_SITE_ID"], os.environ["CUSTOMERIO_TRACK_API_KEY"], region=Regions.EU)
api = APIClient(os.environ["CUSTOMERIO_APP_API_KEY"])


def announce_release(release):
    """Called when a new release is published."""
    cio.track(customer_id=release.author_id, name="release_published", data={"version": release.version})
