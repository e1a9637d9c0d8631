require "customerio"

API = Customerio::APIClient.new(ENV.fetch("CUSTOMERIO_APP_API_KEY"), region: Customerio::Regions::US)

# Sends the receipt once an order is paid.
def send_receipt(order)
  request = Customerio::SendEmailRequest.new(
    transactional_message_id: 3,
    to: order.customer_email,
    identifiers: { id: order.customer_id },
    message_data: { order_id: order.id, total: order.total }
  )
  API.send_email(request)
end

# Called by the webhook job for each reporting webhook, after the X-CIO-Signature check.
# A bounce: stop trusting the address and ask the customer for a new one.
def on_reporting_webhook(event)
  User.mark_email_undeliverable(event.dig("data", "customer_id")) if event["metric"] == "bounced"
end
