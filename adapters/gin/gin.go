package httperrgin

import (
	_ "github.com/gin-gonic/gin"
	_ "github.com/go-playground/validator/v10"
)
