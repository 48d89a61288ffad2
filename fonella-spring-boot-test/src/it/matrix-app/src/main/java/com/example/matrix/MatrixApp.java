package com.example.matrix;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The app of the Spring Boot compatibility matrix: the same sources are built and run on Boot 3.5,
 * 4.0 and 4.1 (src/it/boot-*), each line with its own parent and starters.
 */
@SpringBootApplication
public class MatrixApp {

    public static void main(String[] args) {
        SpringApplication.run(MatrixApp.class, args);
    }
}
