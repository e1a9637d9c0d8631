const app = require('./app');
const crypto = require('crypto');
function verifyWebhook(req, res, next) {
  const ts = req.get('X-CIO-Timestamp');
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return res.sendStatus(401);
  const mac = crypto.createHmac('sha256', process.env.SECRET).update(`v0:${ts}:${req.rawBody}`).digest('hex');
  if (!crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(req.get('X-CIO-Signature') || '')))
    return res.sendStatus(401);
  next();
}
app.use('/webhooks', verifyWebhook);
app.post('/webhooks/cio', (req, res) => {
  if (req.body.metric === 'bounced') console.log(1);
  res.end();
});
