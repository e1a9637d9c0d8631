const {app, express} = require('./server');
const crypto = require('crypto');
app.use(express.json({
  verify: (req, res, buf) => {
    req.rawBody = buf;
  }
}));
app.post('/webhooks/cio', (req, res) => {
  const sig = req.headers['x-cio-signature'];
  const mac = crypto.createHmac('sha256', process.env.S)
                  .update('v0:' + req.headers['x-cio-timestamp'] + ':' + req.rawBody)
                  .digest('hex');
  if (!crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(mac))) return res.sendStatus(401);
  if (req.body.metric === 'bounced') console.log(1);
  res.end();
});
