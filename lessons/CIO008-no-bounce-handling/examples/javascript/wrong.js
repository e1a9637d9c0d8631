const { APIClient, SendEmailRequest, RegionUS } = require('customerio-node');

const api = new APIClient(process.env.CUSTOMERIO_APP_API_KEY, { region: RegionUS });

// Sends the receipt once an order is paid.
async function sendReceipt(order) {
  const request = new SendEmailRequest({
    transactional_message_id: 3,
    to: order.customerEmail,
    identifiers: { id: order.customerId },
    message_data: { order_id: order.id, total: order.total },
  });
  return api.sendEmail(request);
}

module.exports = { sendReceipt };
