package shop

import (
	"encoding/json"
	"log"
	"net/http"
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(os.Getenv("CUSTOMERIO_SITE_ID"), os.Getenv("CUSTOMERIO_TRACK_API_KEY"))

func CheckoutHandler(w http.ResponseWriter, r *http.Request) {
	order, err := createOrder(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	data := map[string]any{"order_id": order.ID, "total": order.Total}
	go func() {
		if err := cio.Track(order.CustomerID, "checkout_completed", data); err != nil {
			log.Printf("customer.io track failed: %v", err)
		}
	}()
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(order)
}
