const router = require('express').Router();
const verify = require('./verify-signature');
router.use(verify);
router.post('/webhooks/cio', (req, res) => {
  if (req.body.metric === 'bounced') console.log(1);
  res.end();
});
module.exports = router;
