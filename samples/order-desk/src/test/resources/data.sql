-- A few orders to talk about. Inserted only when missing, so a persistent database keeps its rows.

INSERT INTO orders (order_number, customer_name, items, status, expected_delivery)
SELECT 'A-1001', 'Jane Doe', 'one blue teapot', 'SHIPPED', CURRENT_DATE + INTERVAL '2' DAY
WHERE NOT EXISTS (SELECT 1 FROM orders WHERE order_number = 'A-1001');

INSERT INTO orders (order_number, customer_name, items, status, expected_delivery)
SELECT 'A-1002', 'John Roe', 'two espresso cups', 'PLACED', CURRENT_DATE + INTERVAL '5' DAY
WHERE NOT EXISTS (SELECT 1 FROM orders WHERE order_number = 'A-1002');

INSERT INTO orders (order_number, customer_name, items, status, expected_delivery)
SELECT 'A-1003', 'Erika Mustermann', 'a tea strainer and a tin of Assam', 'DELIVERED', CAST(NULL AS DATE)
WHERE NOT EXISTS (SELECT 1 FROM orders WHERE order_number = 'A-1003');
