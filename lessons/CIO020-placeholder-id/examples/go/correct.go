package cart

import (
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(
	os.Getenv("CUSTOMERIO_SITE_ID"),
	os.Getenv("CUSTOMERIO_TRACK_API_KEY"),
	customerio.WithRegion(customerio.RegionUS),
)

// RecordAddToCart runs after a product is added to the cart. Guests have no profile yet:
// nothing is sent for them.
func RecordAddToCart(userID, sku string) error {
	if userID == "" {
		return nil
	}
	return cio.Track(userID, "added_to_cart", map[string]any{"sku": sku})
}
