import crypto from 'node:crypto';

import {app} from './server.js';

app.use('/webhooks', (req, res, next) => {
  const mac = crypto.createHmac('sha256', process.env.SECRET).update(req.rawBody).digest('hex');
  if (!crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(req.get('x-cio-signature') || '')))
    return res.sendStatus(401);
  next();
});
app.post('/webhooks/cio', (req, res) => {
  if (req.body.metric === 'bounced') console.log(1);
  res.end();
});
