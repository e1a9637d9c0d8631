class CustomerioWebhooksController < ActionController::API
  FIVE_MINUTES = 5 * 60

  before_action :verify_signature

  # Customer.io posts reporting webhooks here.
  def create
    event = JSON.parse(request.raw_post)
    User.mark_email_undeliverable(event.dig("data", "customer_id")) if event["metric"] == "bounced"
    head :no_content
  end

  private

  # Customer.io signs `v0:<timestamp>:<raw body>` with the webhook signing key.
  def verify_signature
    signature = request.headers["X-CIO-Signature"].to_s
    timestamp = request.headers["X-CIO-Timestamp"].to_s
    return head(:unauthorized) if (Time.now.to_i - timestamp.to_i).abs > FIVE_MINUTES

    key = ENV.fetch("CUSTOMERIO_WEBHOOK_SIGNING_KEY")
    expected = OpenSSL::HMAC.hexdigest("SHA256", key, "v0:#{timestamp}:#{request.raw_post}")
    head :unauthorized unless Rack::Utils.secure_compare(expected, signature)
  end
end
