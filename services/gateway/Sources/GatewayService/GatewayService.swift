// GatewayService placeholder
