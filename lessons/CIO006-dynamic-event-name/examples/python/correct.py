import os

from customerio import CustomerIO, Regions

cio = CustomerIO(
    os.environ["CUSTOMERIO_SITE_ID"],
    os.environ["CUSTOMERIO_TRACK_API_KEY"],
    region=Regions.US,
)


def record_upgrade(user, plan):
    """Runs when billing confirms a plan change."""
    cio.track(
        customer_id=user.id,
        name="plan_upgraded",
        data={"plan": plan, "previous_plan": user.plan},
    )
