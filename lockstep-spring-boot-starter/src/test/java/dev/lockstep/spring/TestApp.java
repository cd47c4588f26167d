package dev.lockstep.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest application: a DataSource from spring.datasource.*, actuator, and the starter. */
@SpringBootApplication
public class TestApp {
}
