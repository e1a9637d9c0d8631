const { APIClient, SendEmailRequest, RegionUS } = require('customerio-node');
const users = require('./users');

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

// Called by the webhook route for each reporting webhook, after the X-CIO-Signature check.
async function onReportingWebhook(event) {
  if (event.metric === 'bounced') {
    // Stop trusting the address and ask the customer for a new one.
    await users.markEmailUndeliverable(event.data.customer_id);
  }
}

module.exports = { sendReceipt, onReportingWebhook };
