import os

from customerio import APIClient, CustomerIO, Regions, SendEmailRequest

api = APIClient(os.environ["CUSTOMERIO_APP_API_KEY"], region=Regions.US)
cio = CustomerIO(os.environ["CUSTOMERIO_SITE_ID"], os.environ["CUSTOMERIO_TRACK_API_KEY"], region=Regions.US)


def send_receipt(order):
    """Sends the receipt once an order is paid."""
    request = SendEmailRequest(
        transactional_message_id=3,
        to=order.customer_email,
        identifiers={"id": order.customer_id},
        message_data={"order_id": order.id, "total": order.total},
    )
    return api.send_email(request)


def on_reporting_webhook(event):
    """Called by the webhook task for each reporting webhook, after the X-CIO-Signature check."""
    if event["metric"] == "bounced":
        cio.suppress(event["data"]["customer_id"])
