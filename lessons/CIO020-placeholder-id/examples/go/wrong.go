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

// RecordAddToCart runs for signed-in shoppers and guests alike.
func RecordAddToCart(userID, sku string) error {
	if userID == "" {
		return cio.Track("guest", "added_to_cart", map[string]any{"sku": sku})
	}
	return cio.Track(userID, "added_to_cart", map[string]any{"sku": sku})
}
