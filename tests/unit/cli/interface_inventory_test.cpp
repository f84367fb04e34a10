#include "cli/interface_inventory.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace ravelin::cli {
namespace {

namespace fs = std::filesystem;

TEST(InterfaceInventory, MapsReplaceTheNetdevListAndKeepTheirOrder) {
  auto inv = InterfaceInventory::discover({{"GigabitEthernet0/1", "eth1"}, {"GigabitEthernet0/0", "eth0"}},
                                          "/nonexistent");
  ASSERT_EQ(inv.entries().size(), 2u);
  EXPECT_EQ(inv.names(), (std::vector<std::string>{"GigabitEthernet0/1", "GigabitEthernet0/0"}));
  auto e = inv.find("gigabitethernet0/0");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->linux_dev, "eth0");
  EXPECT_FALSE(inv.find("GigabitEthernet0/2"));
}

TEST(InterfaceInventory, WithoutMapsEveryNetdevAppearsUnderItsOwnNameSorted) {
  fs::path dir = fs::temp_directory_path() / ("rv-sysnet-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "veth1");
  fs::create_directories(dir / "eth0");
  fs::create_directories(dir / "lo");
  auto inv = InterfaceInventory::discover({}, dir.string());
  fs::remove_all(dir);
  EXPECT_EQ(inv.names(), (std::vector<std::string>{"eth0", "lo", "veth1"}));
  EXPECT_EQ(inv.find("lo")->linux_dev, "lo");
}

TEST(InterfaceInventory, MissingSysDirectoryGivesAnEmptyInventoryNotACrash) {
  EXPECT_TRUE(InterfaceInventory::discover({}, "/nonexistent/sys/class/net").entries().empty());
}

}  // namespace
}  // namespace ravelin::cli
