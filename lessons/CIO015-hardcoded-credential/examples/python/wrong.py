from customerio import CustomerIO, Regions

cio = CustomerIO(
    "a1b2c3d4e5f6a7b8c9d0",
    "9d8c7b6a5f4e3d2c1b0a",
    region=Regions.US,
)


def record_project_created(user, project):
    """Called after a new project is created."""
    cio.track(customer_id=user.id, name="project_created", data={"project_id": project.id})
