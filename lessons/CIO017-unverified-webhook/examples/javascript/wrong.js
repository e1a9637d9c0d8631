const express = require('express');
const users = require('./users');

const app = express();

// Customer.io posts reporting webhooks here.
app.post('/webhooks/customerio', express.json(), async (req, res) => {
  const event = req.body;
  if (event.metric === 'bounced') {
    await users.markEmailUndeliverable(event.data.customer_id);
  }
  res.sendStatus(200);
});

module.exports = { app };
