package billing

import (
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(
	os.Getenv("CUSTOMERIO_SITE_ID"),
	os.Getenv("CUSTOMERIO_TRACK_API_KEY"),
	customerio.WithRegion(customerio.RegionUS),
)

type Order struct {
	ID         string
	CustomerID string
	Total      int
}

// RecordPayment runs once the payment provider confirms the charge.
func RecordPayment(o Order) error {
	return cio.Track(o.CustomerID, "order_paid", map[string]any{
		"order_id": o.ID,
		"total":    o.Total,
	})
}
