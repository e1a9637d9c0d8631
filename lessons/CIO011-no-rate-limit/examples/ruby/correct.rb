require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Nightly job: tells Customer.io about every order shipped today.
def report_shipments(orders)
  operations = orders.map do |order|
    {
      type: "person",
      identifiers: { id: order.customer_id },
      action: "event",
      name: "order_shipped",
      attributes: { order_id: order.id, carrier: order.carrier }
    }
  end
  operations.each_slice(100) { |slice| CIO.batch(slice) }
end
