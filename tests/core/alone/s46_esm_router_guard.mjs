import { router } from './router.js';
import { verifyCioSignature } from './verify.js';
router.use(verifyCioSignature);
router.post('/webhooks/cio', (req, res) => {
  if (req.body.metric === 'bounced') console.log(req.body);
  res.sendStatus(200);
});
