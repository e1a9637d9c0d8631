const crypto = require('crypto');
const express = require('express');
const users = require('./users');

const app = express();
const FIVE_MINUTES = 5 * 60;

// Customer.io signs `v0:<timestamp>:<raw body>` with the webhook signing key.
function signedByCustomerIo(req) {
  const signature = req.get('X-CIO-Signature') || '';
  const timestamp = req.get('X-CIO-Timestamp') || '';
  if (Math.abs(Math.floor(Date.now() / 1000) - Number(timestamp)) > FIVE_MINUTES) return false;
  const expected = crypto
    .createHmac('sha256', process.env.CUSTOMERIO_WEBHOOK_SIGNING_KEY)
    .update(`v0:${timestamp}:`)
    .update(req.body)
    .digest('hex');
  return signature.length === expected.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

// Customer.io posts reporting webhooks here.
app.post('/webhooks/customerio', express.raw({ type: 'application/json' }), async (req, res) => {
  if (!signedByCustomerIo(req)) return res.sendStatus(401);
  const event = JSON.parse(req.body);
  if (event.metric === 'bounced') {
    await users.markEmailUndeliverable(event.data.customer_id);
  }
  res.sendStatus(200);
});

module.exports = { app };
