package httperrecho

import _ "github.com/labstack/echo/v4"
