const express = require('express');
const app = express();
function isBounce(e) { return e.metric === 'bounced'; }
app.post('/webhooks/cio', express.json(), (req, res) => {
  if (isBounce(req.body)) markBounced(req.body.data.email);
  res.sendStatus(200);
});
function markBounced(email) { return email; }
