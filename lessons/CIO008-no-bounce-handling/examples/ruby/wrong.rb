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
