import os

from customerio import CustomerIO, Regions

cio = CustomerIO(
    os.environ["CUSTOMERIO_SITE_ID"],
    os.environ["CUSTOMERIO_TRACK_API_KEY"],
    region=Regions.US,
)


def record_project_created(user, project):
    """Called after a new project is created."""
    cio.track(customer_id=user.id, name="project_created", data={"project_id": project.id})
