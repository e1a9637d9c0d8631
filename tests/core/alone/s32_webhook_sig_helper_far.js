const crypto = require('crypto');
const app = require('./app');
const SECRET = process.env.WEBHOOK_SECRET;
function check(req) {
  const ts = req.get('X-CIO-Timestamp');
  const mac = crypto.createHmac('sha256', SECRET).update(`v0:${ts}:${req.rawBody}`).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(req.get('X-CIO-Signature')));
}
const guard = (req, res, next) => (check(req) ? next() : res.sendStatus(401));
app.use(guard);
app.post('/webhooks/cio', (req, res) => {
  if (req.body.metric === 'bounced') console.log(1);
  res.end();
});
