package io.agenthub.jobs;

import io.agenthub.config.HubSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The jobs the hub has, read from its routes as integrators wrote them: a job is a route from {@code direct:job-<name>}
 * (its body the {@link JobRun}), and its schedules are the routes made from the route template {@code job-schedule}
 * (routes/jobs.camel.yaml), one per tenant with its cron expression. Each job's cycle, the period in which a record is
 * done at most once, is {@code hub.jobs.<name>.cycle}: {@code day} (the default), {@code week} or {@code month}, in the
 * time zone {@code hub.jobs.time-zone}.
 */
public final class JobCatalogue {

    /** The route every job's record goes through, which is not a job itself. */
    static final String RECORD_ROUTE = "job-record";
    static final String JOB_PREFIX = "direct://job-";
    static final String SCHEDULE_TEMPLATE = "job-schedule";

    private final CamelContext context;
    private final HubSettings settings;
    private final ZoneId zone;

    public JobCatalogue(CamelContext context, HubSettings settings) {
        this.context = context;
        this.settings = settings;
        this.zone = ZoneId.of(settings.text("hub.jobs.time-zone", "UTC"));
    }

    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (Route route : context.getRoutes()) {
            String uri = route.getEndpoint().getEndpointUri();
            if (uri.startsWith(JOB_PREFIX)) {
                String name = uri.substring(JOB_PREFIX.length());
                int query = name.indexOf('?');
                name = query < 0 ? name : name.substring(0, query);
                if (!("job-" + name).equals(RECORD_ROUTE)) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }

    public boolean has(String job) {
        return job != null && names().contains(job);
    }

    /** The job's schedules, per tenant, as its {@code job-schedule} routes declare them. */
    public List<JobView.Schedule> schedules(String job) {
        List<JobView.Schedule> schedules = new ArrayList<>();
        for (RouteDefinition route : ((ModelCamelContext) context).getRouteDefinitions()) {
            Map<String, Object> parameters = route.getTemplateParameters();
            if (route.isCreatedFromTemplate() && parameters != null && job.equals(parameters.get("job"))
                    && parameters.containsKey("cron")) {
                schedules.add(new JobView.Schedule(resolve(parameters.get("tenant")), resolve(parameters.get("cron"))));
            }
        }
        return schedules;
    }

    public String cycleOf(String job) {
        String cycle = settings.text("hub.jobs." + job + ".cycle", "day");
        if (!List.of("day", "week", "month").contains(cycle)) {
            throw new IllegalArgumentException("hub.jobs." + job + ".cycle is '" + cycle + "'; use day, week or month");
        }
        return cycle;
    }

    /** The cycle an instant falls in: {@code 2026-12-06}, {@code 2026-W49} or {@code 2026-12}. */
    public String cycle(String job, Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        return switch (cycleOf(job)) {
            case "week" -> {
                LocalDate monday = day.with(DayOfWeek.MONDAY);
                yield String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                        monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            }
            case "month" -> day.toString().substring(0, 7);
            default -> day.toString();
        };
    }

    private String resolve(Object value) {
        return value == null ? null : context.resolvePropertyPlaceholders(value.toString());
    }
}
