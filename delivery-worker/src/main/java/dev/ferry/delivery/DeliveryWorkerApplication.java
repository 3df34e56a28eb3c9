package dev.ferry.delivery;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The delivery worker: authoritative events, typing signals and presence in, pushes
 * routed to the gateway nodes of the people concerned out.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DeliveryWorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(DeliveryWorkerApplication.class, args);
	}

}
