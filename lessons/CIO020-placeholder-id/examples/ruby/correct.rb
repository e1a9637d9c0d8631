require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Records a product added to the cart. Guests have no profile yet: nothing is sent for them.
def record_add_to_cart(user, product)
  return if user.nil?

  CIO.track(user.id, "added_to_cart", sku: product.sku)
end
