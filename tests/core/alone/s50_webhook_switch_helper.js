const express = require('express');
const app = express();
const handlers = {
  bounced: (d) => console.log(d)
};
function dispatch(kind, data) { (handlers[kind] || (() => {}))(data); }
app.post('/webhooks/reporting', express.json(), (req, res) => {
  dispatch(req.body.metric, req.body.data);
  res.end();
});
