require "customerio"

CIO = Customerio::Client.new(
  ENV.fetch("CUSTOMERIO_SITE_ID"),
  ENV.fetch("CUSTOMERIO_TRACK_API_KEY"),
  region: Customerio::Regions::US
)

# Records a product added to the cart, for signed-in shoppers and guests alike.
def record_add_to_cart(user, product)
  if user.nil?
    CIO.track("guest", "added_to_cart", sku: product.sku)
    return
  end
  CIO.track(user.id, "added_to_cart", sku: product.sku)
end
