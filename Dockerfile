# One image for every role: eksfleet coordinator | worker | scan | simulator | status ...
# Build: docker build -t eksfleet .   (the jar is built inside; no local Java needed)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests package -pl cli -am

FROM eclipse-temurin:17-jre
RUN useradd --uid 10001 --create-home eksfleet
COPY --from=build /src/cli/target/lib /opt/eksfleet/lib
COPY --from=build /src/cli/target/eksfleet.jar /opt/eksfleet/eksfleet.jar
USER 10001
# 8080: /health/live, /health/ready, /metrics when the role runs with --management-port 8080.
EXPOSE 8080
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxRAMPercentage=75", "-jar", "/opt/eksfleet/eksfleet.jar"]
CMD ["--help"]
