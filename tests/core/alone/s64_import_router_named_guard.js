const {router} = require('./router');
const {requireCioSignature} = require('./guards');
router.post('/webhooks/cio', requireCioSignature, (req, res) => {
  if (req.body.metric === 'bounced') console.log(1);
  res.end();
});
