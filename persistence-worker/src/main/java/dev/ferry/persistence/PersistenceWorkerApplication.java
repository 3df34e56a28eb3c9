package dev.ferry.persistence;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The persistence worker: accepted commands in, rows and authoritative events out.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PersistenceWorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(PersistenceWorkerApplication.class, args);
	}

}
