import os

from customerio import CustomerIO, Regions

cio = CustomerIO(os.environ["CUSTOMERIO_SITE_ID"], os.environ["CUSTOMERIO_TRACK_API_KEY"], region=Regions.US)


def lesson_completed(user, lesson):
    """Runs after every completed lesson in the course player."""
    cio.track(user.id, "lesson_completed", data={"lesson_id": lesson.id, "minutes": lesson.minutes})
