const express = require('express');
const app = express();
const BAD = new Set(['bounced', 'spammed']);
app.post('/webhooks/cio', express.json(), (req, res) => {
  if (BAD.has(req.body.metric)) console.log(1);
  res.end();
});
