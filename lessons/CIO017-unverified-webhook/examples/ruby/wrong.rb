class CustomerioWebhooksController < ActionController::API
  # Customer.io posts reporting webhooks here.
  def create
    event = JSON.parse(request.raw_post)
    User.mark_email_undeliverable(event.dig("data", "customer_id")) if event["metric"] == "bounced"
    head :no_content
  end
end
